using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class GramStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "CustomerSearchGrams",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Every gram takes its customer's status (kept with it from now on by CustomerSearchIndex.Stage).
            migrationBuilder.Sql("""
                UPDATE g SET g.[Status] = c.[Status] FROM [CustomerSearchGrams] AS g INNER JOIN [Customers] AS c ON c.[Id] = g.[CustomerId];
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Status",
                table: "CustomerSearchGrams");
        }
    }
}
