using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ContactBranch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "BranchId",
                table: "Contacts",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: false,
                defaultValue: "");

            // A contact belongs to its customer's branch (which never changes): the branch filter now scopes it too.
            migrationBuilder.Sql("UPDATE Contacts SET BranchId = (SELECT c.BranchId FROM Customers c WHERE c.Id = Contacts.CustomerId);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BranchId",
                table: "Contacts");
        }
    }
}
