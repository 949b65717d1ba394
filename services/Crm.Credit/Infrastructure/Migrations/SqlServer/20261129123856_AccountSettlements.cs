using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Credit.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AccountSettlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccountSettlements",
                columns: table => new
                {
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    EntryCount = table.Column<int>(type: "int", nullable: false),
                    Data = table.Column<byte[]>(type: "varbinary(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountSettlements", x => x.CustomerId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccountSettlements_BranchId",
                table: "AccountSettlements",
                column: "BranchId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountSettlements");
        }
    }
}
